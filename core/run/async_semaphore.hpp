// A counting semaphore for coroutines on one executor: at most `capacity` holders at once; the
// others wait, in order, without blocking the thread.
#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <deque>

namespace modelcompare::run {

class AsyncSemaphore {
 public:
  AsyncSemaphore(boost::asio::any_io_executor executor, std::size_t capacity);

  // Takes a slot: at once when one is free, else once the waiters before it have theirs.
  boost::asio::awaitable<void> acquire();

  // Gives a slot back. When someone waits, the slot passes to the longest waiter, which resumes
  // inside this call when it is made on the executor's thread: a freed request slot is used
  // before the handlers already queued run (a burst of answers would otherwise be handled whole
  // before the first next request is sent).
  void release();

  std::size_t available() const { return free_; }
  std::size_t waiting() const { return waiters_.size(); }

 private:
  // Queues a waiter (a named type: a lambda's type would give the coroutine frame a member of no
  // linkage, which GCC warns about in unity builds).
  struct Enqueue {
    AsyncSemaphore* semaphore;
    void operator()(boost::asio::any_completion_handler<void()> handler) const;
  };

  boost::asio::any_io_executor executor_;
  std::size_t free_;
  std::deque<boost::asio::any_completion_handler<void()>> waiters_;
};

}  // namespace modelcompare::run

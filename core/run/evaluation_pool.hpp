// Worker threads for blocking work (evaluators run sandboxes and decode images), so the network
// thread never waits on them.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>

namespace modelcompare::run {

class EvaluationPool {
 public:
  explicit EvaluationPool(unsigned threads);
  ~EvaluationPool();

  // Runs `work` on a worker thread; the awaiting coroutine resumes on its own executor with the
  // result, or with the exception `work` threw.
  template <typename T>
  boost::asio::awaitable<T> run(std::function<T()> work) {
    auto task = [work = std::move(work)]() -> boost::asio::awaitable<T> { co_return work(); };
    auto operation =
        boost::asio::co_spawn(pool_.get_executor(), std::move(task), boost::asio::use_awaitable);
    co_return co_await std::move(operation);
  }

 private:
  boost::asio::thread_pool pool_;
};

}  // namespace modelcompare::run

#include "run/async_semaphore.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace modelcompare::run {

namespace asio = boost::asio;

AsyncSemaphore::AsyncSemaphore(asio::any_io_executor executor, std::size_t capacity)
    : executor_(std::move(executor)), free_(capacity) {}

asio::awaitable<void> AsyncSemaphore::acquire() {
  if (free_ > 0) {
    --free_;
    co_return;
  }
  // The waiting coroutine's frame is kept alive by its handler; co_spawn keeps the executor's
  // work counted meanwhile.
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void()>(Enqueue{this},
                                                                        asio::use_awaitable);
}

void AsyncSemaphore::Enqueue::operator()(asio::any_completion_handler<void()> handler) const {
  semaphore->waiters_.push_back(std::move(handler));
}

void AsyncSemaphore::release() {
  if (waiters_.empty()) {
    ++free_;
    return;
  }
  auto next = std::move(waiters_.front());
  waiters_.pop_front();
  const auto executor = asio::get_associated_executor(next, executor_);
  asio::dispatch(executor, std::move(next));  // inline on the executor's own thread
}

}  // namespace modelcompare::run

// A counting semaphore for coroutines on one executor: at most `capacity` holders at once; the
// others wait without blocking the thread. Built on an Asio channel whose buffer is the count.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>

namespace modelcompare::run {

class AsyncSemaphore {
 public:
  AsyncSemaphore(boost::asio::any_io_executor executor, std::size_t capacity)
      : slots_(executor, capacity) {}

  boost::asio::awaitable<void> acquire() {
    co_await slots_.async_send(boost::system::error_code{}, boost::asio::use_awaitable);
  }
  void release() {
    slots_.try_receive([](boost::system::error_code) {});
  }

 private:
  boost::asio::experimental::channel<void(boost::system::error_code)> slots_;
};

}  // namespace modelcompare::run

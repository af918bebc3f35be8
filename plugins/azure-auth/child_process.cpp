#include "child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace modelcompare::azure_auth {
namespace {

namespace net = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;

net::awaitable<void> read_all(net::posix::stream_descriptor& pipe, std::string& out) {
  std::array<char, 4096> buffer{};
  for (;;) {
    auto [ec, n] =
        co_await pipe.async_read_some(net::buffer(buffer), net::as_tuple(net::use_awaitable));
    out.append(buffer.data(), n);
    if (ec) co_return;  // eof or closed
  }
}

net::awaitable<void> read_both(net::posix::stream_descriptor& out, std::string& out_text,
                               net::posix::stream_descriptor& err, std::string& err_text) {
  co_await (read_all(out, out_text) && read_all(err, err_text));
}

net::awaitable<bool> expire(net::steady_timer& timer) {
  auto [ec] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
  co_return !ec;
}

}  // namespace

net::awaitable<ChildResult> run_child_process(std::vector<std::string> argv,
                                              std::chrono::milliseconds timeout) {
  ChildResult result;
  int out_pipe[2];
  int err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.start_error = std::string("pipe: ") + std::strerror(errno);
    co_return result;
  }
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    result.start_error = std::string("pipe: ") + std::strerror(errno);
    co_return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (spawned != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    result.start_error = argv[0] + ": " + std::strerror(spawned);
    co_return result;
  }
  result.started = true;

  auto executor = co_await net::this_coro::executor;
  net::posix::stream_descriptor out(executor, out_pipe[0]);
  net::posix::stream_descriptor err(executor, err_pipe[0]);
  net::steady_timer timer(executor);
  timer.expires_after(timeout);
  auto finished =
      co_await (read_both(out, result.stdout_text, err, result.stderr_text) || expire(timer));
  if (finished.index() == 1) {
    result.timed_out = true;
    kill(pid, SIGKILL);
  }
  // Both pipes are closed (or the child is killed), so it has ended or is about to.
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  co_return result;
}

}  // namespace modelcompare::azure_auth

#include "charts/gnuplot_session.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>

extern char** environ;

namespace modelcompare::charts {
namespace {

// Longer than any batch of charts takes; a session that does not answer by then is killed.
constexpr int kBatchTimeoutMs = 120'000;

// gnuplot reads commands from a socket (stdin and stdout both), so `print` answers come back on
// it and a write to a dead gnuplot fails with EPIPE instead of raising SIGPIPE. Its stderr goes
// to an unlinked file read from where the last batch stopped.
class Session {
 public:
  ~Session() { stop(); }

  bool start() {
    if (pid_ > 0 && commands_ >= 0) return true;
    if (pid_ > 0) stop();  // ended before: reap it
    owner_ = getpid();
    int sockets[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) return false;
    std::string errors_path =
        std::filesystem::temp_directory_path() / "modelcompare-gnuplot-XXXXXX";
    errors_ = mkostemp(errors_path.data(), O_CLOEXEC);
    if (errors_ < 0) {
      close(sockets[0]);
      close(sockets[1]);
      return false;
    }
    unlink(errors_path.c_str());
    errors_read_ = 0;

    const char* configured = std::getenv("GNUPLOT");
    const std::string program = configured && *configured ? configured : "gnuplot";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, sockets[1], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, sockets[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, errors_, STDERR_FILENO);
    char* argv[] = {const_cast<char*>(program.c_str()), nullptr};
    const int spawned = posix_spawnp(&pid_, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(sockets[1]);
    commands_ = sockets[0];
    if (spawned != 0) {
      pid_ = -1;
      stop();
      return false;
    }
    // Load both terminals' fonts now: that is most of the cost of the first chart.
    const std::string warm_up =
        "set print \"-\"\n"
        "set terminal pngcairo size 1100,620 font 'sans,10'\nset output '/dev/null'\n"
        "plot 0 notitle\nunset output\n"
        "set terminal svg size 1100,620 dynamic font 'sans,10'\nset output '/dev/null'\n"
        "plot 0 notitle\nunset output\nreset\n";
    if (!send(warm_up)) {
      stop();
      return false;
    }
    return true;
  }

  long begin(const std::filesystem::path& script) {
    if (!start()) return 0;
    const long batch = ++batches_;
    const std::string id = std::to_string(batch);
    // An error anywhere in the script abandons the rest of its line, so `ok` is printed only
    // when every command ran; `done` is printed either way.
    std::string quoted = "\"";
    for (char c : script.string()) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += '"';
    if (!send("set print \"-\"\nload " + quoted + "; print \"modelcompare-ok-" + id +
              "\"\nprint \"modelcompare-done-" + id + "\"\n")) {
      stop();
      return 0;
    }
    return batch;
  }

  // gnuplot exits on the end of its input; stop() reaps it later.
  void end_input() {
    if (owner_ != getpid() || commands_ < 0) return;
    close(commands_);
    commands_ = -1;
  }

  std::optional<SessionResult> end(long batch) {
    // Batches end in the order they began: read until this one's `done`, noting earlier ones.
    while (!finished_.count(batch)) {
      const auto line = pid_ > 0 && commands_ >= 0 ? read_line() : std::nullopt;
      if (!line) {  // gnuplot died or hung: this batch goes to a gnuplot of its own
        stop();
        return std::nullopt;
      }
      if (line->rfind("modelcompare-ok-", 0) == 0) {
        completed_.insert(std::stol(line->substr(16)));
      } else if (line->rfind("modelcompare-done-", 0) == 0) {
        const long done = std::stol(line->substr(18));
        finished_[done] = {completed_.count(done) > 0, new_errors()};
        completed_.erase(done);
      }
    }
    auto result = std::move(finished_[batch]);
    finished_.erase(batch);
    return result;
  }

 private:
  void stop() {
    // A forked child leaving (a sandbox's) must not end its parent's session.
    if (owner_ != getpid()) return;
    if (commands_ >= 0) close(commands_);  // gnuplot reads the end of its input and exits
    commands_ = -1;
    if (pid_ > 0) {
      // A hung gnuplot would not read the end: give it half a second, then kill it.
      for (int i = 0; i < 500; ++i) {
        if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
          pid_ = -1;
          break;
        }
        usleep(1'000);
      }
      if (pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
      }
    }
    pid_ = -1;
    if (errors_ >= 0) close(errors_);
    errors_ = -1;
    pending_.clear();
    completed_.clear();
    finished_.clear();
  }

  bool send(const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
      const auto n = ::send(commands_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      sent += std::size_t(n);
    }
    return true;
  }

  std::optional<std::string> read_line() {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(kBatchTimeoutMs);
    for (;;) {
      if (const auto end = pending_.find('\n'); end != std::string::npos) {
        std::string line = pending_.substr(0, end);
        pending_.erase(0, end + 1);
        return line;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) return std::nullopt;
      pollfd readable{commands_, POLLIN, 0};
      const int ready = poll(&readable, 1, int(left));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return std::nullopt;
      char buffer[4096];
      const auto n = ::read(commands_, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return std::nullopt;
      pending_.append(buffer, std::size_t(n));
    }
  }

  std::string new_errors() {
    struct stat info {};
    if (fstat(errors_, &info) != 0 || info.st_size <= errors_read_) return {};
    std::string text(std::size_t(info.st_size - errors_read_), '\0');
    const auto n = pread(errors_, text.data(), text.size(), errors_read_);
    if (n <= 0) return {};
    text.resize(std::size_t(n));
    errors_read_ += n;
    return text;
  }

  pid_t pid_ = -1;
  int commands_ = -1;  // our end of gnuplot's stdin and stdout
  int errors_ = -1;    // gnuplot's stderr
  off_t errors_read_ = 0;
  std::string pending_;  // read from gnuplot's stdout, not yet a whole line
  long batches_ = 0;
  std::set<long> completed_;                // batches whose every command ran
  std::map<long, SessionResult> finished_;  // batches done, not yet asked for
  pid_t owner_ = -1;                        // the process that started the session
};

std::mutex session_mutex;

Session& session() {
  static Session instance;
  return instance;
}

}  // namespace

void warm_up_gnuplot() {
  std::lock_guard lock(session_mutex);
  session().start();
}

void end_gnuplot_session() {
  std::lock_guard lock(session_mutex);
  session().end_input();
}

long start_in_gnuplot_session(const std::filesystem::path& script) {
  std::lock_guard lock(session_mutex);
  return session().begin(script);
}

std::optional<SessionResult> finish_in_gnuplot_session(long batch) {
  std::lock_guard lock(session_mutex);
  return session().end(batch);
}

}  // namespace modelcompare::charts

#include "sandbox/sandboxed_launch.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sandbox/credential_filter.hpp"

namespace modelcompare::sandbox {
namespace {

// Layers the supervisor and the command report back through the report pipe.
enum Layer : std::uint32_t {
  kDroppedToNobody = 1u << 0,
  kUserNamespace = 1u << 1,
  kMountNamespace = 1u << 2,
  kHomeHidden = 1u << 3,
  kNetNamespace = 1u << 4,
  kPidNamespace = 1u << 5,
  kPrivateProc = 1u << 6,
};

enum Step : std::int32_t {
  kStepLayers = 0,  // value: Layer bits
  kStepDropPrivileges,
  kStepUserMap,
  kStepLimits,
  kStepChdir,
  kStepExec,
  kStepFork,
  kStepMoreLayers,  // value: Layer bits added by the command itself
};

struct Record {
  std::int32_t step;
  std::int32_t value;  // errno for failures, Layer bits for kStepLayers
};

const char* step_name(std::int32_t step) {
  switch (step) {
    case kStepDropPrivileges: return "cannot drop privileges to nobody";
    case kStepUserMap: return "cannot write the user namespace's id maps";
    case kStepLimits: return "cannot set resource limits";
    case kStepChdir: return "cannot enter the working folder";
    case kStepExec: return "cannot execute";
    case kStepFork: return "cannot fork";
    default: return "sandbox setup failed";
  }
}

// Everything the children need, computed before fork: after fork in a threaded host only
// async-signal-safe calls are allowed, so no allocation happens there.
struct LaunchPlan {
  std::vector<std::string> argv_storage;
  std::vector<std::string> env_storage;
  std::vector<char*> argv;
  std::vector<char*> envp;
  std::string working_dir;
  std::vector<std::string> hidden_paths;
  bool drop_to_nobody = false;
  uid_t nobody_uid = 65534;
  gid_t nobody_gid = 65534;
  bool user_namespaces = false;
  std::string outer_uid_map, outer_gid_map;  // "0 <uid> 1" for the first user namespace
  pid_t host_pid = 0;
  rlimit cpu{}, address_space{}, file_size{}, open_files{}, processes{}, core{};
};

void write_all(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    size -= static_cast<size_t>(n);
  }
}

void report(int fd, std::int32_t step, std::int32_t value) {
  const Record record{step, value};
  write_all(fd, &record, sizeof record);
}

[[noreturn]] void fail(int fd, std::int32_t step, int err) {
  report(fd, step, err);
  _exit(127);
}

bool write_proc_file(const char* path, const char* text) {
  const int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const ssize_t n = write(fd, text, strlen(text));
  close(fd);
  return n == static_cast<ssize_t>(strlen(text));
}

bool map_ids(const char* uid_map, const char* gid_map) {
  return write_proc_file("/proc/self/setgroups", "deny") &&
         write_proc_file("/proc/self/uid_map", uid_map) &&
         write_proc_file("/proc/self/gid_map", gid_map);
}

bool drop_privileges(const LaunchPlan& plan) {
  return setgroups(0, nullptr) == 0 &&
         setresgid(plan.nobody_gid, plan.nobody_gid, plan.nobody_gid) == 0 &&
         setresuid(plan.nobody_uid, plan.nobody_uid, plan.nobody_uid) == 0;
}

// Empty read-only tmpfs over each hidden folder (the user's home).
bool hide_paths(const LaunchPlan& plan) {
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return false;
  bool all = true;
  for (const auto& path : plan.hidden_paths) {
    if (mount("tmpfs", path.c_str(), "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
              "size=4k,mode=0755") != 0)
      all = false;
  }
  return all;
}

// The command: PID 1 of the new PID namespace when there is one.
[[noreturn]] void run_command(const LaunchPlan& plan, std::uint32_t layers, int report_fd,
                              int stdin_fd, int stdout_fd, int stderr_fd) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  std::uint32_t more = 0;
  if ((layers & kPidNamespace) && (layers & kMountNamespace)) {
    // Our own /proc: the host's processes (and their environments) are no longer listed.
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0)
      more |= kPrivateProc;
  }
  if (plan.drop_to_nobody && !(layers & kDroppedToNobody)) {
    if (!drop_privileges(plan)) fail(report_fd, kStepDropPrivileges, errno);
    more |= kDroppedToNobody;
  }
  if (more) report(report_fd, kStepMoreLayers, static_cast<std::int32_t>(more));

  if (setrlimit(RLIMIT_CPU, &plan.cpu) != 0 || setrlimit(RLIMIT_AS, &plan.address_space) != 0 ||
      setrlimit(RLIMIT_FSIZE, &plan.file_size) != 0 ||
      setrlimit(RLIMIT_NOFILE, &plan.open_files) != 0 ||
      setrlimit(RLIMIT_NPROC, &plan.processes) != 0 || setrlimit(RLIMIT_CORE, &plan.core) != 0)
    fail(report_fd, kStepLimits, errno);
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);

  if (stdin_fd < 0) stdin_fd = open("/dev/null", O_RDONLY);
  if (dup2(stdin_fd, 0) < 0 || dup2(stdout_fd, 1) < 0 || dup2(stderr_fd, 2) < 0)
    fail(report_fd, kStepExec, errno);
  if (chdir(plan.working_dir.c_str()) != 0) fail(report_fd, kStepChdir, errno);
  // Nothing of the host's (sockets, database, log files) may reach the command. The report pipe
  // is close-on-exec too, so the host sees EOF once exec has succeeded.
  syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC);
  signal(SIGPIPE, SIG_DFL);
  execve(plan.argv[0], plan.argv.data(), plan.envp.data());
  fail(report_fd, kStepExec, errno);
}

// The supervisor: leads the process group, enters the namespaces, forks the command and passes
// its fate on as its own.
[[noreturn]] void run_supervisor(const LaunchPlan& plan, int report_fd, int stdin_fd, int stdout_fd,
                                 int stderr_fd) {
  setsid();
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  const rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);

  std::uint32_t layers = 0;
  if (plan.drop_to_nobody && plan.user_namespaces) {
    // Unprivileged first, so the namespaces below belong to nobody and not to root.
    if (!drop_privileges(plan)) fail(report_fd, kStepDropPrivileges, errno);
    prctl(PR_SET_DUMPABLE, 1);  // lets us write our own /proc/self/uid_map after the uid change
    layers |= kDroppedToNobody;
  }
  // Set after any uid change, which clears it.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != plan.host_pid) _exit(126);

  if (plan.user_namespaces) {
    // Two user namespaces: the outer one hides the home folder, the inner one (net, pid, mount)
    // gets a copy of those mounts that the code, root in its namespace, cannot unmount.
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0) {
      if (!map_ids(plan.outer_uid_map.c_str(), plan.outer_gid_map.c_str()))
        fail(report_fd, kStepUserMap, errno);
      layers |= kUserNamespace;
      const bool hidden = hide_paths(plan);
      if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID) == 0) {
        if (!map_ids("0 0 1", "0 0 1")) fail(report_fd, kStepUserMap, errno);
        layers |= kMountNamespace | kNetNamespace | kPidNamespace;
        if (hidden) layers |= kHomeHidden;
      } else {
        if (unshare(CLONE_NEWNET) == 0) layers |= kNetNamespace;
        if (unshare(CLONE_NEWPID) == 0) layers |= kPidNamespace;
        layers |= kMountNamespace;  // the outer one; its mounts are not locked, so not "hidden"
      }
    }
  } else if (plan.drop_to_nobody) {
    // Root without user namespaces: real namespaces first, privileges dropped in the command.
    if (unshare(CLONE_NEWNS) == 0) {
      layers |= kMountNamespace;
      if (hide_paths(plan)) layers |= kHomeHidden;
    }
    if (unshare(CLONE_NEWNET) == 0) layers |= kNetNamespace;
    if (unshare(CLONE_NEWPID) == 0) layers |= kPidNamespace;
  }
  report(report_fd, kStepLayers, static_cast<std::int32_t>(layers));

  const pid_t command = fork();
  if (command < 0) fail(report_fd, kStepFork, errno);
  if (command == 0) run_command(plan, layers, report_fd, stdin_fd, stdout_fd, stderr_fd);

  // Only the command holds the stdio and report descriptors from here on.
  close(report_fd);
  if (stdin_fd >= 0) close(stdin_fd);
  close(stdout_fd);
  close(stderr_fd);
  int status = 0;
  while (waitpid(command, &status, 0) < 0) {
    if (errno != EINTR) _exit(125);
  }
  if (WIFEXITED(status)) _exit(WEXITSTATUS(status));
  const int sig = WTERMSIG(status);
  signal(sig, SIG_DFL);
  kill(getpid(), sig);
  _exit(128 + sig);
}

std::vector<std::string> home_folders(const std::filesystem::path& working_dir) {
  std::vector<std::string> candidates;
  if (const char* home = std::getenv("HOME"); home && *home) candidates.emplace_back(home);
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir) candidates.emplace_back(pw->pw_dir);
  std::vector<std::string> hidden;
  std::error_code ec;
  const auto work = std::filesystem::weakly_canonical(working_dir, ec).string() + "/";
  for (const auto& candidate : candidates) {
    const auto home = std::filesystem::weakly_canonical(candidate, ec).string();
    if (ec || home.empty() || home == "/" || !std::filesystem::is_directory(home)) continue;
    // A working folder inside the home folder must stay visible, so the home cannot be hidden.
    if (work.starts_with(home + "/")) continue;
    bool seen = false;
    for (const auto& h : hidden) seen = seen || h == home;
    if (!seen) hidden.push_back(home);
  }
  return hidden;
}

// Without a user namespace RLIMIT_NPROC counts every process of the uid on the machine, so the
// budget is added to what that uid already runs.
rlim_t processes_of_uid(uid_t uid) {
  rlim_t count = 0;
  DIR* proc = opendir("/proc");
  if (!proc) return 0;
  while (const dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    struct stat st {};
    const std::string path = std::string("/proc/") + entry->d_name;
    if (stat(path.c_str(), &st) == 0 && st.st_uid == uid) ++count;
  }
  closedir(proc);
  return count;
}

void chown_tree(const std::filesystem::path& root, uid_t uid, gid_t gid) {
  if (lchown(root.c_str(), uid, gid) != 0)
    throw std::runtime_error("sandbox: cannot hand the working folder " + root.string() +
                             " to nobody: " + std::strerror(errno));
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (lchown(it->path().c_str(), uid, gid) != 0) { /* best effort for the contents */
    }
  }
}

std::string describe(std::uint32_t layers, bool user_namespaces_allowed, bool root) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  std::string ns;
  auto add_ns = [&](bool on, const char* name) {
    if (on) ns += (ns.empty() ? "" : "+") + std::string(name);
  };
  add_ns(layers & kUserNamespace, "user");
  add_ns(layers & kPidNamespace, "pid");
  add_ns(layers & kNetNamespace, "net");
  add_ns(layers & kMountNamespace, "mount");
  if (!ns.empty()) add(ns + " namespaces");
  if (!(layers & kNetNamespace)) add("NETWORK NOT ISOLATED");
  if (!(layers & kPidNamespace)) add("no pid namespace (setsid escapees can outlive the run)");
  if (layers & kPrivateProc) add("private /proc");
  add(layers & kHomeHidden ? "home hidden" : "home visible");
  if (layers & kDroppedToNobody) add("uid nobody");
  if (root && !(layers & kDroppedToNobody)) add("RUNNING AS ROOT");
  add("rlimits, no_new_privs, closed fds, filtered environment");
  if (!user_namespaces_allowed) add("user namespaces unavailable");
  return out;
}

void set_limit(rlimit& limit, rlim_t soft, rlim_t hard) {
  limit.rlim_cur = soft;
  limit.rlim_max = hard;
}

}  // namespace

LaunchedProcess launch_sandboxed(const sdk::SandboxCommand& command, const LaunchOptions& options) {
  if (command.argv.empty() || command.argv[0].empty() || command.argv[0][0] != '/')
    throw std::runtime_error("sandbox: the program must be an absolute path, got '" +
                             (command.argv.empty() ? std::string() : command.argv[0]) + "'");
  if (access(command.argv[0].c_str(), X_OK) != 0)
    throw std::runtime_error("sandbox: cannot execute " + command.argv[0] + ": " +
                             std::strerror(errno));
  if (!std::filesystem::is_directory(command.working_dir))
    throw std::runtime_error("sandbox: the working folder " + command.working_dir.string() +
                             " does not exist");

  LaunchPlan plan;
  plan.host_pid = getpid();
  plan.argv_storage = command.argv;
  for (const auto& [name, value] : command.environment)
    if (!looks_like_credential(name)) plan.env_storage.push_back(name + "=" + value);
  for (auto& s : plan.argv_storage) plan.argv.push_back(s.data());
  plan.argv.push_back(nullptr);
  for (auto& s : plan.env_storage) plan.envp.push_back(s.data());
  plan.envp.push_back(nullptr);
  plan.working_dir = std::filesystem::absolute(command.working_dir).string();
  plan.hidden_paths = home_folders(command.working_dir);
  plan.user_namespaces = options.user_namespaces;
  plan.drop_to_nobody = geteuid() == 0;
  if (const passwd* pw = getpwnam("nobody")) {
    plan.nobody_uid = pw->pw_uid;
    plan.nobody_gid = pw->pw_gid;
  }
  const uid_t outer_uid = plan.drop_to_nobody ? plan.nobody_uid : geteuid();
  const gid_t outer_gid = plan.drop_to_nobody ? plan.nobody_gid : getegid();
  plan.outer_uid_map = "0 " + std::to_string(outer_uid) + " 1";
  plan.outer_gid_map = "0 " + std::to_string(outer_gid) + " 1";

  const auto& limits = command.limits;
  const rlim_t cpu = static_cast<rlim_t>(std::max(1, limits.cpu_seconds));
  set_limit(plan.cpu, cpu, cpu + 1);  // SIGXCPU first, SIGKILL a second later
  set_limit(plan.address_space, limits.address_space_bytes, limits.address_space_bytes);
  set_limit(plan.file_size, limits.file_size_bytes, limits.file_size_bytes);
  set_limit(plan.open_files, static_cast<rlim_t>(limits.open_files),
            static_cast<rlim_t>(limits.open_files));
  rlim_t processes = static_cast<rlim_t>(std::max(1, limits.processes));
  if (!options.user_namespaces) processes += processes_of_uid(outer_uid);
  set_limit(plan.processes, processes, processes);
  set_limit(plan.core, 0, 0);

  if (plan.drop_to_nobody) chown_tree(command.working_dir, plan.nobody_uid, plan.nobody_gid);

  int report_pipe[2], out_pipe[2], err_pipe[2], in_sock[2] = {-1, -1};
  if (pipe2(report_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("sandbox: pipe: ") + std::strerror(errno));
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("sandbox: pipe: ") + std::strerror(errno));
  if (options.stdin_channel && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_sock) != 0)
    throw std::runtime_error(std::string("sandbox: socketpair: ") + std::strerror(errno));

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("sandbox: fork: ") + std::strerror(errno));
  if (pid == 0) {
    close(report_pipe[0]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    if (in_sock[0] >= 0) close(in_sock[0]);
    run_supervisor(plan, report_pipe[1], in_sock[1], out_pipe[1], err_pipe[1]);
  }
  // Also in the parent, so the group exists before we might need to kill it.
  setpgid(pid, pid);
  close(report_pipe[1]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (in_sock[1] >= 0) close(in_sock[1]);

  LaunchedProcess launched;
  launched.supervisor = pid;
  launched.pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  launched.stdin_fd = in_sock[0];
  launched.stdout_fd = out_pipe[0];
  launched.stderr_fd = err_pipe[0];

  // The report pipe reaches EOF when exec succeeded (close-on-exec) or everything failed.
  std::uint32_t layers = 0;
  Record failure{-1, 0};
  Record record{};
  for (;;) {
    const ssize_t n = read(report_pipe[0], &record, sizeof record);
    if (n < 0 && errno == EINTR) continue;
    if (n != static_cast<ssize_t>(sizeof record)) break;
    if (record.step == kStepLayers || record.step == kStepMoreLayers)
      layers |= static_cast<std::uint32_t>(record.value);
    else if (failure.step < 0)
      failure = record;
  }
  close(report_pipe[0]);
  launched.isolation = describe(layers, options.user_namespaces, plan.drop_to_nobody);
  if (failure.step >= 0) {
    terminate_sandboxed(launched);
    std::string what = std::string("sandbox: ") + step_name(failure.step);
    if (failure.step == kStepChdir) {
      what += " " + plan.working_dir;
      if (plan.drop_to_nobody)
        what += " (the code runs as nobody: its parent folders must be traversable)";
    }
    if (failure.step == kStepExec) what += " " + command.argv[0];
    throw std::runtime_error(what + ": " + std::strerror(failure.value));
  }
  return launched;
}

namespace {
void close_fd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

int wait_supervisor(LaunchedProcess& process) {
  int status = 0;
  while (waitpid(process.supervisor, &status, 0) < 0 && errno == EINTR) {
  }
  // Whatever is left in the group (without a PID namespace, daemonised children keep their
  // group unless they called setsid) goes too.
  kill(-process.supervisor, SIGKILL);
  process.supervisor = -1;
  close_fd(process.pidfd);
  return status;
}
}  // namespace

int terminate_sandboxed(LaunchedProcess& process) {
  if (process.supervisor <= 0) return 0;
  kill(-process.supervisor, SIGKILL);
  kill(process.supervisor, SIGKILL);
  const int status = wait_supervisor(process);
  close_fd(process.stdin_fd);
  close_fd(process.stdout_fd);
  close_fd(process.stderr_fd);
  return status;
}

int reap_sandboxed(LaunchedProcess& process) {
  if (process.supervisor <= 0) return 0;
  return wait_supervisor(process);
}

}  // namespace modelcompare::sandbox

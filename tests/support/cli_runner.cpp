#include "support/cli_runner.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "support/temp_dir.hpp"

extern char** environ;

namespace modelcompare::testing {
namespace {

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    const auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [k, v] : extra) {
    if (v.empty())
      env.erase(k);
    else
      env[k] = v;
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

int spawn(const std::vector<std::string>& args,
          const std::map<std::string, std::string>& environment, const std::string& out_file,
          const std::string& err_file) {
  std::vector<std::string> argv_storage = {modelcompare_binary()};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  const auto env_storage = merged_environment(environment);
  std::vector<char*> argv, envp;
  for (const auto& a : argv_storage) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env_storage) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // As from a terminal: a test runner started in the background may ignore SIGINT, and exec
    // keeps ignored signals ignored.
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

std::string modelcompare_binary() {
  return std::string(MODELCOMPARE_BINARY_DIR) + "/bin/modelcompare";
}

CliResult run_cli(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& environment) {
  TempDir capture("cli-output");
  const auto out_file = (capture / "out").string(), err_file = (capture / "err").string();
  const int pid = spawn(args, environment, out_file, err_file);
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_file);
  result.err = read_file(err_file);
  return result;
}

int start_cli(const std::vector<std::string>& args,
              const std::map<std::string, std::string>& environment) {
  return spawn(args, environment, "/dev/null", "/dev/null");
}

std::string only_run_folder(const std::string& parent) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(parent))
    if (entry.is_directory()) found.push_back(entry.path().string());
  EXPECT_EQ(found.size(), 1u) << "run folders under " << parent;
  return found.empty() ? std::string() : found.front();
}

}  // namespace modelcompare::testing

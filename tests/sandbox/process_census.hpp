// Finds processes that carry a marker in their command line or environment, to check that a
// sandbox left nothing behind. Header-only so every test folder can use it.
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace modelcompare::testing {

// What a /proc file says, or as much as could be read: a process that exits while we read
// fails the read with ESRCH (which std::ifstream turns into an exception).
inline std::string read_proc_file(const std::string& path) {
  std::string text;
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return text;
}

inline std::vector<int> processes_marked_with(const std::string& marker) {
  std::vector<int> found;
  DIR* proc = opendir("/proc");
  if (!proc) return found;
  while (const dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    const int pid = std::stoi(entry->d_name);
    if (pid == getpid()) continue;
    for (const char* file : {"cmdline", "environ"}) {
      const std::string text = read_proc_file(std::string("/proc/") + entry->d_name + "/" + file);
      if (text.find(marker) != std::string::npos) {
        found.push_back(pid);
        break;
      }
    }
  }
  closedir(proc);
  return found;
}

// The kernel finishes tearing a PID namespace down shortly after its init dies; give it a moment.
inline std::vector<int> lingering_processes_marked_with(const std::string& marker) {
  auto found = processes_marked_with(marker);
  for (int i = 0; i < 20 && !found.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    found = processes_marked_with(marker);
  }
  return found;
}

}  // namespace modelcompare::testing

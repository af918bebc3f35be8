// Finds processes that carry a marker in their command line or environment, to check that a
// sandbox left nothing behind. Header-only so every test folder can use it.
#pragma once

#include <dirent.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace modelcompare::testing {

inline std::vector<int> processes_marked_with(const std::string& marker) {
  std::vector<int> found;
  DIR* proc = opendir("/proc");
  if (!proc) return found;
  while (const dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    const int pid = std::stoi(entry->d_name);
    if (pid == getpid()) continue;
    for (const char* file : {"cmdline", "environ"}) {
      std::ifstream in(std::string("/proc/") + entry->d_name + "/" + file, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), {});
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

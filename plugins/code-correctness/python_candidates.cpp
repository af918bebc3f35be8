#include "python_candidates.hpp"

#include <unistd.h>

#include <algorithm>
#include <sstream>

namespace modelcompare::code_correctness {

namespace fs = std::filesystem;

namespace {

fs::path search_path(const std::string& name, const char* path_variable) {
  if (name.find('/') != std::string::npos) return fs::absolute(name);
  std::stringstream folders(path_variable ? path_variable : "");
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    if (folder.empty()) continue;
    const auto candidate = fs::path(folder) / name;
    if (access(candidate.c_str(), X_OK) == 0) return fs::absolute(candidate);
  }
  return {};
}

}  // namespace

PythonCandidates python_candidates(const std::string& option_value, const char* environment_value,
                                   const char* path_variable) {
  PythonCandidates candidates;
  if (!option_value.empty()) {
    candidates.source = "option python";
    candidates.paths.push_back(search_path(option_value, path_variable));
    if (candidates.paths.back().empty()) candidates.paths.back() = option_value;
    return candidates;
  }
  if (environment_value && *environment_value) {
    candidates.source = "MODELCOMPARE_PYTHON";
    candidates.paths.push_back(search_path(environment_value, path_variable));
    if (candidates.paths.back().empty()) candidates.paths.back() = environment_value;
    return candidates;
  }
  candidates.source = "default";
  candidates.paths.push_back("/usr/bin/python3");
  if (auto on_path = search_path("python3", path_variable);
      !on_path.empty() && std::find(candidates.paths.begin(), candidates.paths.end(), on_path) ==
                              candidates.paths.end())
    candidates.paths.push_back(on_path);
  return candidates;
}

}  // namespace modelcompare::code_correctness

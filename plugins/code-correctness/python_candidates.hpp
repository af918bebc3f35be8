// Which Python interpreters to try, in order: the `python` option, else $MODELCOMPARE_PYTHON,
// else /usr/bin/python3 and then python3 on PATH (which may lack matplotlib; the caller keeps
// the first one that can run the harness).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace modelcompare::code_correctness {

struct PythonCandidates {
  std::vector<std::filesystem::path> paths;
  std::string source;  // "option python", "MODELCOMPARE_PYTHON" or "default"
};

PythonCandidates python_candidates(const std::string& option_value, const char* environment_value,
                                   const char* path_variable);

}  // namespace modelcompare::code_correctness

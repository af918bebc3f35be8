// Where the Python harness shipped with the plugin is: beside the plugin library, in the build
// tree and the install tree alike.
#pragma once

#include <filesystem>

namespace modelcompare::code_correctness {

inline constexpr const char* kHarnessFileName = "code-correctness-harness.py";

// The folder of the shared object (or executable) this code was linked into.
std::filesystem::path this_library_folder();

}  // namespace modelcompare::code_correctness

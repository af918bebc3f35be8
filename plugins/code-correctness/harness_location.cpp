#include "harness_location.hpp"

#include <dlfcn.h>

namespace modelcompare::code_correctness {

std::filesystem::path this_library_folder() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&this_library_folder), &info) == 0 || !info.dli_fname)
    return {};
  std::error_code ec;
  const auto path = std::filesystem::canonical(info.dli_fname, ec);
  return ec ? std::filesystem::path() : path.parent_path();
}

}  // namespace modelcompare::code_correctness

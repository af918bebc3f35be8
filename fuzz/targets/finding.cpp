#include <cstdio>
#include <cstdlib>

#include "fuzz_entry.hpp"

namespace modelcompare::fuzz {

void report_finding(const std::string& what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace modelcompare::fuzz

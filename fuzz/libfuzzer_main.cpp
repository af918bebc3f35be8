// libFuzzer's entry: MODELCOMPARE_FUZZ_ENTRY names the target function (set per executable).
#include <cstddef>
#include <cstdint>

#include "targets/fuzz_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  modelcompare::fuzz::MODELCOMPARE_FUZZ_ENTRY(data, size);
  return 0;
}

// The limits one execution of an answer runs under.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace modelcompare::code_correctness {

struct ExecutionLimits {
  std::chrono::milliseconds timeout{10'000};  // wall clock, the answer and all it starts
  int cpu_seconds = 10;
  std::uint64_t memory_bytes = 2ull << 30;  // address space
  std::uint64_t file_size_bytes = 64ull << 20;
  int processes = 64;
  std::size_t output_bytes = 16 * 1024;  // stdout/stderr tails kept in the details
};

}  // namespace modelcompare::code_correctness

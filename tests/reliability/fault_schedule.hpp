// Which fault the fake server injects into its n-th request: a fixed, shuffled cycle of 100 slots
// with exact counts per kind, so a run's totals are known however requests interleave.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace modelcompare::testing {

enum class Fault { none, rate_limited, server_error, reset, malformed, stall };

std::string to_string(Fault fault);

struct FaultRates {  // per 100 requests
  int rate_limited = 0;
  int server_error = 0;
  int reset = 0;
  int malformed = 0;
  int stall = 0;
};

class FaultSchedule {
 public:
  // Throws std::invalid_argument when the rates add up to more than 100.
  FaultSchedule(FaultRates rates, unsigned seed);

  Fault at(std::size_t request_index) const { return cycle_[request_index % cycle_.size()]; }

 private:
  std::vector<Fault> cycle_;
};

}  // namespace modelcompare::testing

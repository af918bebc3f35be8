#include "fault_schedule.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>

namespace modelcompare::testing {

std::string to_string(Fault fault) {
  switch (fault) {
    case Fault::none: return "none";
    case Fault::rate_limited: return "429";
    case Fault::server_error: return "500";
    case Fault::reset: return "reset";
    case Fault::malformed: return "malformed";
    case Fault::stall: return "stall";
  }
  return "?";
}

FaultSchedule::FaultSchedule(FaultRates rates, unsigned seed) {
  const std::pair<Fault, int> counts[] = {{Fault::rate_limited, rates.rate_limited},
                                          {Fault::server_error, rates.server_error},
                                          {Fault::reset, rates.reset},
                                          {Fault::malformed, rates.malformed},
                                          {Fault::stall, rates.stall}};
  for (const auto& [fault, count] : counts) cycle_.insert(cycle_.end(), count, fault);
  if (cycle_.size() > 100) throw std::invalid_argument("fault rates add up to more than 100 %");
  cycle_.resize(100, Fault::none);
  std::shuffle(cycle_.begin(), cycle_.end(), std::mt19937(seed));
}

}  // namespace modelcompare::testing

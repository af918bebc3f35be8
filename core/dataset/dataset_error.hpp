// A dataset that cannot be used: one line naming the file and line (or the scenario) at fault.
#pragma once

#include <stdexcept>

namespace modelcompare::dataset {

class DatasetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace modelcompare::dataset

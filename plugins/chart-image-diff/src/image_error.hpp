// The one error type of the image pipeline: a user-readable line naming the file and the fault.
#pragma once

#include <stdexcept>

namespace modelcompare::chart_image_diff {

class ImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace modelcompare::chart_image_diff

#include <exception>
#include <string>
#include <typeinfo>

#include "chart_features.hpp"
#include "chart_image.hpp"
#include "fuzz_entry.hpp"
#include "image_error.hpp"
#include "image_file.hpp"
#include "scratch_file.hpp"

namespace modelcompare::fuzz {

void chart_image_one_input(const std::uint8_t* data, std::size_t size) {
  const auto file = write_scratch_file("candidate.img", data, size);
  try {
    // A lower cap than the plugin's default keeps each run inside libFuzzer's memory limit; the
    // header check that enforces the cap is the same code.
    const auto image = chart_image_diff::read_image_file(file, 4'000'000);
    // No text reader: Tesseract is not what is under test here.
    chart_image_diff::analyse_chart(chart_image_diff::decode_chart_image(image), nullptr);
  } catch (const chart_image_diff::ImageError& e) {
    if (std::string(e.what()).find(file.string()) == std::string::npos) {
      report_finding(std::string("ImageError without the file name: ") + e.what());
    }
  } catch (const std::exception& e) {
    // The evaluator catches only ImageError: anything else fails the whole evaluation.
    report_finding(std::string("the image path let ") + typeid(e).name() + " escape: " + e.what());
  } catch (...) {
    report_finding("the image path threw a non-std exception");
  }
}

}  // namespace modelcompare::fuzz

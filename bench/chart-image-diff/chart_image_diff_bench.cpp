// Times the chart-image-diff pipeline on one core: a whole 600×600 pair against the SSIM step
// alone, in the same run, plus each stage. Prints ratios; absolute times depend on the machine.
//
//   chart_image_diff_bench [REFERENCE CANDIDATE] [--rounds N] [--text]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "chart_comparison.hpp"
#include "chart_features.hpp"
#include "image_file.hpp"
#include "structural_similarity.hpp"
#include "text_reader.hpp"

using namespace modelcompare::chart_image_diff;
namespace fs = std::filesystem;

namespace {

// Wall time and this thread's CPU time per round. On a shared machine other processes add wall
// time (waiting for a core) but not CPU time, so the CPU time is the fairer "one core" figure.
struct Timing {
  double cpu;     // fastest round, thread CPU time
  double wall;    // fastest round, wall time
  double median;  // median round, wall time
};

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

Timing time_ms(int rounds, const std::function<void()>& work) {
  std::vector<double> walls, cpus;
  for (int i = 0; i < rounds; ++i) {
    const double cpu_start = thread_cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    work();
    walls.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    cpus.push_back(thread_cpu_ms() - cpu_start);
  }
  std::sort(walls.begin(), walls.end());
  return {*std::min_element(cpus.begin(), cpus.end()), walls.front(), walls[walls.size() / 2]};
}

// A 600×600 pie like the lab's: four wedges with percentages, optionally exploded and rotated.
cv::Mat pie(double start_deg, bool exploded) {
  cv::Mat image(600, 600, CV_8UC3, cv::Scalar::all(255));
  const double fractions[] = {0.349, 0.286, 0.206, 0.159};
  const cv::Scalar colours[] = {{191, 0, 191}, {0, 0, 255}, {0, 191, 191}, {191, 191, 0}};
  double start = start_deg;
  for (int i = 0; i < 4; ++i) {
    const double end = start + fractions[i] * 360, middle = (start + end) / 2 * CV_PI / 180;
    cv::Point centre(300, 320);
    if (exploded && i == 0)
      centre += cv::Point(int(20 * std::cos(middle)), int(-20 * std::sin(middle)));
    cv::ellipse(image, centre, cv::Size(200, 200), 0, -end, -start, colours[i], cv::FILLED,
                cv::LINE_AA);
    const cv::Point at =
        centre + cv::Point(int(120 * std::cos(middle)) - 22, int(-120 * std::sin(middle)) + 5);
    cv::putText(image, std::to_string(fractions[i] * 100).substr(0, 4) + "%", at,
                cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar::all(0), 1, cv::LINE_AA);
    start = end;
  }
  cv::putText(image, "Marks obtained in an exam", cv::Point(170, 60), cv::FONT_HERSHEY_SIMPLEX, 0.6,
              cv::Scalar::all(0), 1, cv::LINE_AA);
  return image;
}

ChartFeatures analyse(const fs::path& path, TextReader* text) {
  return analyse_chart(decode_chart_image(read_image_file(path)), text);
}

}  // namespace

int main(int argc, char** argv) {
  cv::setNumThreads(0);  // one core, as the evaluator runs
  int rounds = 30;
  bool with_text = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--text")) {
      with_text = true;
    } else {
      paths.push_back(argv[i]);
    }
  }
  fs::path reference, candidate;
  const fs::path scratch = fs::temp_directory_path() / "chart-image-diff-bench";
  if (paths.size() == 2) {
    reference = paths[0];
    candidate = paths[1];
  } else {
    fs::create_directories(scratch);
    reference = scratch / "reference.png";
    candidate = scratch / "candidate.jpg";
    cv::imwrite(reference.string(), pie(0, false));
    cv::imwrite(candidate.string(), pie(90, true), {cv::IMWRITE_JPEG_QUALITY, 90});
  }
  ScoringOptions options;
  options.reference = reference.string();
  options.read_text = false;

  // Warm-up (first-call allocations, library initialisation).
  ChartFeatures ref = analyse(reference, nullptr), cand = analyse(candidate, nullptr);
  const ChartComparison comparison = compare_charts(ref, cand, options);
  std::printf("pair: %s vs %s (%dx%d, %dx%d); score %.4f; fastest of %d rounds\n",
              reference.filename().c_str(), candidate.filename().c_str(),
              ref.image.original_size.width, ref.image.original_size.height,
              cand.image.original_size.width, cand.image.original_size.height, comparison.score,
              rounds);

  const Timing ssim = time_ms(rounds * 4, [&] {
    volatile double s = structural_similarity(ref.ssim_gray, cand.ssim_gray);
    (void)s;
  });
  const Timing ssim_with_gray = time_ms(rounds * 4, [&] {
    volatile double s =
        structural_similarity(normalised_gray(ref.image), normalised_gray(cand.image));
    (void)s;
  });
  const Timing pair = time_ms(rounds, [&] {
    const ChartFeatures r = analyse(reference, nullptr), c = analyse(candidate, nullptr);
    volatile double s = compare_charts(r, c, options).score;
    (void)s;
  });
  const Timing candidate_only = time_ms(rounds, [&] {
    const ChartFeatures c = analyse(candidate, nullptr);
    volatile double s = compare_charts(ref, c, options).score;
    (void)s;
  });
  auto line = [&](const char* what, const Timing& t) {
    std::printf("  %-40s cpu %7.2f ms = %5.1f x SSIM | wall fastest %7.2f, median %7.2f ms\n", what,
                t.cpu, t.cpu / ssim.cpu, t.wall, t.median);
  };
  line("SSIM step alone (256x256 greys)", ssim);
  line("SSIM incl. grey normalisation of both", ssim_with_gray);
  line("whole pair, both images analysed", pair);
  line("candidate only (reference cached)", candidate_only);

  // Stages of one image, to see where the time goes.
  ImageFile file = read_image_file(candidate);
  ChartImage image = decode_chart_image(file);
  Palette palette = extract_palette(image);
  PieReading reading = read_pie(palette);
  std::printf(
      "  stages of the candidate (cpu): read %.2f, decode+crop %.2f, palette %.2f, pie %.2f, "
      "type %.2f, grey %.2f ms\n",
      time_ms(rounds, [&] { file = read_image_file(candidate); }).cpu,
      time_ms(rounds, [&] { image = decode_chart_image(file); }).cpu,
      time_ms(rounds, [&] { palette = extract_palette(image); }).cpu,
      time_ms(rounds, [&] { reading = read_pie(palette); }).cpu,
      time_ms(rounds, [&] { classify_chart(image, palette, reading); }).cpu,
      time_ms(rounds, [&] { normalised_gray(image); }).cpu);

  if (with_text) {
    TextReader reader;
    reader.read(ref.image);  // loads the language model
    line("text (Tesseract) per image",
         time_ms(std::max(3, rounds / 10), [&] { reader.read(cand.image); }));
  }
  return 0;
}

#include "charts/gnuplot_chart.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "charts/gnuplot_session.hpp"

extern char** environ;

namespace modelcompare::charts {
namespace {

// A gnuplot double-quoted string: backslash and quote escaped, never a newline.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + "\"";
}

const char* style_name(SeriesStyle style) {
  switch (style) {
    case SeriesStyle::lines: return "lines";
    case SeriesStyle::linespoints: return "linespoints";
    case SeriesStyle::points: return "points";
    case SeriesStyle::steps: return "steps";
  }
  return "linespoints";
}

std::string number(double value) {
  std::ostringstream out;
  out.precision(12);
  out << value;
  return out.str();
}

std::string range(const std::optional<double>& low, const std::optional<double>& high) {
  return "[" + (low ? number(*low) : std::string("*")) + ":" +
         (high ? number(*high) : std::string("*")) + "]";
}

// gnuplot prints the failing command, a caret line, then `"file" line N: message`: the message
// is the last line that says something.
std::string last_error_line(const std::string& text) {
  std::istringstream lines(text);
  std::string line, last;
  while (std::getline(lines, line))
    if (line.find_first_not_of(" \t^") != std::string::npos) last = line;
  const auto colon = last.find(": ");
  return last.rfind("\"", 0) == 0 && colon != std::string::npos ? last.substr(colon + 2) : last;
}

}  // namespace

std::string gnuplot_script(const ChartSpec& spec, const std::filesystem::path& output) {
  const auto extension = output.extension().string();
  std::ostringstream gp;
  if (extension == ".png") {
    gp << "set terminal pngcairo size 1100,620 font 'sans,10'\n";
  } else if (extension == ".svg") {
    gp << "set terminal svg size 1100,620 dynamic font 'sans,10' background '#ffffff'\n";
  } else {
    throw std::invalid_argument(output.string() + ": a chart is written as .png or .svg");
  }
  gp << "set termoption noenhanced\n"
     << "set output " << quoted(output.string()) << "\n"
     << "set title " << quoted(spec.title) << "\n"
     << "set xlabel " << quoted(spec.x_label) << "\n"
     << "set ylabel " << quoted(spec.y_label) << "\n"
     << "set grid\nset key outside right top\nset datafile missing 'NaN'\n";
  if (spec.x_is_time) gp << "set xdata time\nset timefmt '%s'\nset format x '%H:%M'\n";
  gp << "set xrange " << range(spec.x_min, spec.x_max) << "\n";
  gp << "set yrange "
     << range(spec.y_from_zero && !spec.y_min ? std::optional<double>(0) : spec.y_min, spec.y_max)
     << "\n";
  std::vector<std::string> plots;
  for (std::size_t i = 0; i < spec.series.size(); ++i) {
    const auto& series = spec.series[i];
    const std::string block = "$series" + std::to_string(i);
    bool has_bars = false, has_labels = false;
    gp << block << " << EOD\n";
    for (const auto& point : series.points) {
      const bool bar = point.y_low && point.y_high;
      has_bars = has_bars || bar;
      has_labels = has_labels || !point.label.empty();
      gp << number(point.x) << ' ' << number(point.y) << ' ' << (bar ? number(*point.y_low) : "NaN")
         << ' ' << (bar ? number(*point.y_high) : "NaN") << ' ' << quoted(point.label) << "\n";
    }
    gp << "EOD\n";
    const std::string color = " linecolor " + std::to_string(i + 1);
    if (series.points.empty()) continue;
    // gnuplot warns about a point type for a style that draws no points (steps).
    const bool draws_points =
        series.style == SeriesStyle::points || series.style == SeriesStyle::linespoints;
    plots.push_back(block + " using 1:2 with " + style_name(series.style) + color + " linewidth 2" +
                    (draws_points ? " pointtype 7" : "") + " title " + quoted(series.title));
    if (has_bars)
      plots.push_back(block + " using 1:2:3:4 with yerrorbars" + color + " pointtype 7 notitle");
    if (has_labels)
      plots.push_back(block + " using 1:2:5 with labels offset 1,0.8 left textcolor lt " +
                      std::to_string(i + 1) + " notitle");
  }
  if (plots.empty()) {
    // gnuplot refuses an empty plot; an empty chart still says what it would show.
    gp << "set label 1 'no data' at graph 0.5, graph 0.5 center\n"
       << "set xrange [0:1]\nset yrange [0:1]\nplot NaN notitle\n";
  } else {
    gp << "plot ";
    for (std::size_t i = 0; i < plots.size(); ++i) gp << (i ? ", \\\n     " : "") << plots[i];
    gp << "\n";
  }
  return gp.str();
}

void draw_chart(const ChartSpec& spec, const std::filesystem::path& output) {
  draw_charts({{spec, output}});
}

void draw_charts(const std::vector<ChartFile>& files) {
  if (files.empty()) return;
  ChartBatch(files).finish();
}

ChartBatch::ChartBatch(const std::vector<ChartFile>& files) {
  if (files.empty()) {
    finished_ = true;
    return;
  }
  for (const auto& file : files) {
    outputs_.push_back(file.output);
    partials_.push_back(file.output.string() + ".partial" + file.output.extension().string());
  }
  script_ = outputs_.front().string() + ".gp";
  {
    std::ofstream script(script_);
    for (std::size_t i = 0; i < files.size(); ++i)
      // `unset output` closes (and so completes) each file; `reset` starts the next chart clean.
      script << gnuplot_script(files[i].spec, partials_[i]) << "unset output\nreset\n";
    if (!script) throw std::runtime_error(script_.string() + ": cannot write the chart script");
  }
  session_batch_ = start_in_gnuplot_session(script_);
}

ChartBatch::~ChartBatch() {
  if (finished_) return;
  try {
    finish();
  } catch (const std::exception&) {
    // finish() removed what it wrote; the caller is already leaving on another error.
  }
}

void ChartBatch::finish() {
  namespace fs = std::filesystem;
  if (finished_) return;
  finished_ = true;
  const fs::path& first = outputs_.front();
  std::error_code ignored;
  const auto remove_partials = [&] {
    for (const auto& partial : partials_) fs::remove(partial, ignored);
  };
  const auto all_written = [&](bool ran) {
    for (const auto& partial : partials_) ran = ran && fs::exists(partial);
    return ran;
  };
  // The kept gnuplot's answer, when it could take the batch and lived to answer.
  if (session_batch_ != 0) {
    if (const auto session = finish_in_gnuplot_session(session_batch_)) {
      fs::remove(script_, ignored);
      if (!all_written(session->completed)) {
        remove_partials();
        throw std::runtime_error(first.string() +
                                 ": gnuplot failed: " + last_error_line(session->errors));
      }
      for (std::size_t i = 0; i < outputs_.size(); ++i) fs::rename(partials_[i], outputs_[i]);
      return;
    }
    remove_partials();  // whatever the lost session began
  }

  // A gnuplot for this batch alone.
  const fs::path errors_path = first.string() + ".gnuplot-errors";
  const char* configured = std::getenv("GNUPLOT");
  const std::string program = configured && *configured ? configured : "gnuplot";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::string script_arg = script_.string();
  char* argv[] = {const_cast<char*>(program.c_str()), script_arg.data(), nullptr};
  pid_t pid = 0;
  const int spawn_error = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (spawn_error == 0) waitpid(pid, &status, 0);

  std::ifstream errors_file(errors_path);
  const std::string errors((std::istreambuf_iterator<char>(errors_file)), {});
  fs::remove(script_, ignored);
  fs::remove(errors_path, ignored);
  if (spawn_error != 0) {
    remove_partials();
    throw std::runtime_error("cannot run " + program +
                             " to draw charts (install Debian's gnuplot-nox)");
  }
  if (!all_written(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
    remove_partials();
    throw std::runtime_error(first.string() + ": gnuplot failed: " + last_error_line(errors));
  }
  for (std::size_t i = 0; i < outputs_.size(); ++i) fs::rename(partials_[i], outputs_[i]);
}

}  // namespace modelcompare::charts

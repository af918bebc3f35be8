#include "telemetry/server_metrics_file.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace modelcompare::telemetry {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json series_json(const sdk::MetricSeries& series) {
  json points = json::array();
  for (const auto& point : series.points)
    points.push_back({{"time", format_utc(point.time)},
                      {"value", point.value ? json(*point.value) : json(nullptr)}});
  return {{"metric", series.metric},
          {"deployment", series.deployment},
          {"unit", series.unit},
          {"points", std::move(points)}};
}

TimePoint time_at(const json& value, const fs::path& file, const std::string& key) {
  const auto parsed = parse_utc(value.get<std::string>());
  if (!parsed)
    throw std::runtime_error(file.string() + ": '" + key + "' is not a UTC time: '" +
                             value.get<std::string>() + "'");
  return *parsed;
}

SavedServerMetrics read_one(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot read");
  json doc;
  try {
    doc = json::parse(in);
    SavedServerMetrics saved;
    saved.instance = doc.at("instance").get<std::string>();
    saved.plugin = doc.at("plugin").get<std::string>();
    saved.fetched_at = doc.value("fetched_at", "");
    saved.window.start = time_at(doc.at("window").at("start"), file, "window/start");
    saved.window.end = time_at(doc.at("window").at("end"), file, "window/end");
    saved.window.deployments = doc.at("window").at("deployments").get<std::vector<std::string>>();
    saved.deployments = doc.at("deployments").get<std::map<std::string, std::string>>();
    for (const auto& one : doc.at("series")) {
      sdk::MetricSeries series;
      series.metric = one.at("metric").get<std::string>();
      series.deployment = one.at("deployment").get<std::string>();
      series.unit = one.value("unit", "");
      for (const auto& point : one.at("points")) {
        sdk::MetricPoint p;
        p.time = time_at(point.at("time"), file, "time");
        if (!point.at("value").is_null()) p.value = point.at("value").get<double>();
        series.points.push_back(p);
      }
      saved.series.push_back(std::move(series));
    }
    return saved;
  } catch (const json::exception& e) {
    throw std::runtime_error(file.string() + ": not a saved metrics file (" + e.what() + ")");
  }
}

}  // namespace

fs::path server_metrics_path(const fs::path& run_dir, const std::string& instance) {
  return run_dir / "metrics" / (instance + ".json");
}

fs::path save_server_metrics(const fs::path& run_dir, const SavedServerMetrics& saved) {
  json series = json::array();
  for (const auto& one : saved.series) series.push_back(series_json(one));
  const json doc = {{"instance", saved.instance},
                    {"plugin", saved.plugin},
                    {"fetched_at", saved.fetched_at},
                    {"window",
                     {{"start", format_utc(saved.window.start)},
                      {"end", format_utc(saved.window.end)},
                      {"deployments", saved.window.deployments}}},
                    {"deployments", saved.deployments},
                    {"series", std::move(series)}};
  const fs::path path = server_metrics_path(run_dir, saved.instance);
  fs::create_directories(path.parent_path());
  const fs::path partial = path.string() + ".partial-" + std::to_string(::getpid());
  {
    std::ofstream out(partial, std::ios::trunc);
    out << doc.dump(2) << "\n";
    out.flush();
    if (!out) throw std::runtime_error(partial.string() + ": cannot write");
  }
  fs::rename(partial, path);
  return path;
}

std::vector<SavedServerMetrics> load_server_metrics(const fs::path& run_dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(run_dir / "metrics", ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<SavedServerMetrics> out;
  for (const auto& file : files) out.push_back(read_one(file));
  return out;
}

}  // namespace modelcompare::telemetry

#include "charts/gnuplot_chart.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>

#include "charts/gnuplot_session.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::charts {
namespace {

ChartSpec two_series() {
  ChartSpec spec;
  spec.title = "Processed \"Inference\" Tokens";
  spec.x_label = "time (UTC)";
  spec.y_label = "tokens per minute";
  spec.x_is_time = true;
  spec.series.push_back({"gpt-4o",
                         SeriesStyle::linespoints,
                         {{1764288000, 120, {}, {}, ""}, {1764288060, 80, {}, {}, ""}}});
  spec.series.push_back(
      {"gpt-4o_mini", SeriesStyle::points, {{1764288000, 40, 30.0, 50.0, "mini"}}});
  return spec;
}

std::string head(const std::filesystem::path& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string data(bytes, '\0');
  in.read(data.data(), static_cast<std::streamsize>(bytes));
  data.resize(static_cast<std::size_t>(in.gcount()));
  return data;
}

TEST(GnuplotScript, HoldsTitlesDataAndTheTerminalOfTheExtension) {
  const auto script = gnuplot_script(two_series(), "/tmp/x.svg");
  EXPECT_NE(script.find("set terminal svg"), std::string::npos);
  EXPECT_NE(script.find("set title \"Processed \\\"Inference\\\" Tokens\""), std::string::npos);
  EXPECT_NE(script.find("set xdata time"), std::string::npos);
  EXPECT_NE(script.find("1764288060 80 NaN NaN \"\""), std::string::npos);
  EXPECT_NE(script.find("with yerrorbars"), std::string::npos);
  EXPECT_NE(script.find("with labels"), std::string::npos);
  EXPECT_NE(script.find("title \"gpt-4o_mini\""), std::string::npos);
}

TEST(GnuplotScript, GnuplotReadsEveryStyleWithoutAWarning) {
  testing::TempDir dir;
  ChartSpec spec;
  spec.title = "every style";
  int i = 0;
  for (auto style :
       {SeriesStyle::lines, SeriesStyle::linespoints, SeriesStyle::points, SeriesStyle::steps})
    spec.series.push_back({"s" + std::to_string(++i),
                           style,
                           {{1, double(i), {}, {}, ""}, {2, double(i + 1), {}, {}, ""}}});
  const auto script = gnuplot_script(spec, dir.path() / "styles.png");
  EXPECT_NE(script.find("with steps linecolor 4 linewidth 2 title"), std::string::npos) << script;
  EXPECT_NE(script.find("with points linecolor 3 linewidth 2 pointtype 7"), std::string::npos);
  std::ofstream(dir.path() / "styles.gp") << script;
  const auto command = "gnuplot '" + (dir.path() / "styles.gp").string() + "' 2> '" +
                       (dir.path() / "stderr.txt").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(dir.path() / "stderr.txt");
  const std::string errors((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(errors, "");
  EXPECT_EQ(head(dir.path() / "styles.png", 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(GnuplotScript, RefusesAnUnknownExtension) {
  try {
    gnuplot_script(two_series(), "/tmp/chart.jpg");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "/tmp/chart.jpg: a chart is written as .png or .svg");
  }
}

TEST(DrawChart, WritesARealPngAndSvgAndLeavesNothingElse) {
  testing::TempDir dir;
  draw_chart(two_series(), dir.path() / "tokens.png");
  draw_chart(two_series(), dir.path() / "tokens.svg");
  EXPECT_EQ(head(dir.path() / "tokens.png", 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_NE(head(dir.path() / "tokens.svg", 4096).find("<svg"), std::string::npos);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
    ++files;
  EXPECT_EQ(files, 2u);
}

TEST(DrawChart, AnEmptyChartStillDraws) {
  testing::TempDir dir;
  ChartSpec spec;
  spec.title = "nothing yet";
  draw_chart(spec, dir.path() / "empty.png");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "empty.png"));
}

TEST(DrawChart, AGnuplotErrorIsItsMessage) {
  testing::TempDir dir;
  auto spec = two_series();
  spec.x_min = 10;
  spec.x_max = 10;  // gnuplot refuses an empty range
  spec.x_is_time = false;
  try {
    draw_chart(spec, dir.path() / "x.png");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind((dir.path() / "x.png").string() + ": gnuplot failed: ", 0), 0u)
        << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "x.png"));
}

TEST(DrawCharts, OneProcessWritesEveryFileWhole) {
  testing::TempDir dir;
  const auto spec = two_series();
  ChartSpec empty;
  empty.title = "nothing yet";
  draw_charts({{spec, dir.path() / "a.png"},
               {spec, dir.path() / "a.svg"},
               {empty, dir.path() / "b.png"},
               {empty, dir.path() / "b.svg"}});
  for (const char* png : {"a.png", "b.png"})
    EXPECT_EQ(head(dir.path() / png, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << png;
  for (const char* svg : {"a.svg", "b.svg"}) {
    // Complete: a file gnuplot had not closed would miss its end tag.
    std::ifstream in(dir.path() / svg);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find("</svg>"), std::string::npos) << svg;
  }
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
    ++files;
  EXPECT_EQ(files, 4u);
}

TEST(DrawCharts, ABatchAfterTheSessionEndedStillDraws) {
  testing::TempDir dir;
  warm_up_gnuplot();
  draw_charts({{two_series(), dir.path() / "before.png"}});
  end_gnuplot_session();
  end_gnuplot_session();  // twice is harmless
  draw_charts({{two_series(), dir.path() / "after.png"}, {two_series(), dir.path() / "after.svg"}});
  for (const char* png : {"before.png", "after.png"})
    EXPECT_EQ(head(dir.path() / png, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << png;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "after.svg"));
}

TEST(DrawCharts, OneBadChartWritesNoneAndNamesTheFirstFile) {
  testing::TempDir dir;
  const auto good = two_series();
  auto bad = two_series();
  bad.x_min = 10;
  bad.x_max = 10;  // gnuplot refuses an empty range
  bad.x_is_time = false;
  try {
    draw_charts({{good, dir.path() / "good.png"}, {bad, dir.path() / "bad.png"}});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind((dir.path() / "good.png").string() + ": gnuplot failed: ", 0),
        0u)
        << e.what();
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(DrawChart, AMissingGnuplotIsOneClearLine) {
  testing::TempDir dir;
  // A session kept from an earlier test of this process would draw it.
  end_gnuplot_session();
  ::setenv("GNUPLOT", "/nonexistent/gnuplot", 1);
  try {
    draw_chart(two_series(), dir.path() / "x.png");
    ::unsetenv("GNUPLOT");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    ::unsetenv("GNUPLOT");
    EXPECT_STREQ(e.what(),
                 "cannot run /nonexistent/gnuplot to draw charts (install Debian's gnuplot-nox)");
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "x.png"));
}

}  // namespace
}  // namespace modelcompare::charts

#include "job_files.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace modelcompare::code_correctness {
namespace {

namespace fs = std::filesystem;

TEST(JobFiles, RefusesSymlinksAndPathsOutOfTheJob) {
  testing::TempDir dir;
  testing::write_file(dir / "outside-secret.txt", "secret");
  testing::write_file(dir / "job/imgs/real.jpg", "image");
  fs::create_symlink(dir / "outside-secret.txt", dir / "job/imgs/link.jpg");
  fs::create_directories(dir / "job/x");
  fs::create_directory_symlink(dir.path(), dir / "job/escape");
  const auto job = dir / "job";
  EXPECT_TRUE(job_file(job, "imgs/real.jpg"));
  EXPECT_FALSE(job_file(job, "imgs/link.jpg"));
  EXPECT_FALSE(job_file(job, "escape/outside-secret.txt"));
  EXPECT_FALSE(job_file(job, "../outside-secret.txt"));
  EXPECT_FALSE(job_file(job, "x/../../outside-secret.txt"));
  EXPECT_FALSE(job_file(job, dir / "outside-secret.txt"));
  EXPECT_FALSE(job_file(job, "imgs"));
}

TEST(JobFiles, ReadsTailsAndCopiesWithinACap) {
  testing::TempDir dir;
  testing::write_file(dir / "out.txt", "0123456789");
  EXPECT_EQ(read_tail(dir / "out.txt", 4), "6789");
  EXPECT_EQ(read_tail(dir / "out.txt", 100), "0123456789");
  EXPECT_TRUE(copy_job_file(dir / "out.txt", dir / "copy/out.txt", 100));
  EXPECT_EQ(testing::read_file(dir / "copy/out.txt"), "0123456789");
  EXPECT_FALSE(copy_job_file(dir / "out.txt", dir / "copy/big.txt", 5));
}

}  // namespace
}  // namespace modelcompare::code_correctness

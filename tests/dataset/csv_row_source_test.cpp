// CSV rows through libcsv: quoting, embedded newlines, CRLF, identity, and the messages for bad
// files.
#include "dataset/csv_row_source.hpp"

#include <gtest/gtest.h>

#include "dataset/dataset_error.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::dataset {
namespace {

using testing::TempDir;
using testing::write_file;

std::vector<DatasetRow> read_all(const std::filesystem::path& file) {
  CsvRowSource source(file);
  std::vector<DatasetRow> rows;
  while (auto row = source.next()) rows.push_back(*row);
  return rows;
}

std::string csv_error_of(const std::filesystem::path& file) {
  try {
    read_all(file);
  } catch (const DatasetError& e) {
    return e.what();
  }
  return "no error";
}

TEST(CsvRowSource, QuotedFieldsWithCommasQuotesAndNewlines) {
  TempDir dir;
  write_file(dir / "d.csv",
             "id,question,answer\r\n"
             "q1,\"Hello, world\",\"She said \"\"hi\"\"\"\r\n"
             "q2,\"two\nlines\",plain\r\n"
             "\r\n"
             "q3,last,no newline at the end");
  const auto rows = read_all(dir / "d.csv");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].values["question"], "Hello, world");
  EXPECT_EQ(rows[0].values["answer"], "She said \"hi\"");
  EXPECT_EQ(rows[1].values["question"], "two\nlines");
  EXPECT_EQ(rows[2].values["answer"], "no newline at the end");
  EXPECT_EQ(rows[0].key, "q1");
  EXPECT_EQ(rows[2].key, "q3");
  // Lines are counted physically: q3 starts on line 6 (after a two-line row and a blank line).
  EXPECT_EQ(rows[1].origin, (dir / "d.csv").string() + ":3");
  EXPECT_EQ(rows[2].origin, (dir / "d.csv").string() + ":6");
}

TEST(CsvRowSource, WithoutAnIdColumnTheKeyIsAHashOfTheRowSoOtherRowsKeepTheirs) {
  TempDir dir;
  write_file(dir / "a.csv", "question\nalpha\nbeta\ngamma\n");
  write_file(dir / "b.csv", "question\nalpha\nBETA EDITED\ngamma\n");
  const auto a = read_all(dir / "a.csv");
  const auto b = read_all(dir / "b.csv");
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(a[0].key.rfind("row-", 0), 0u);
  EXPECT_EQ(a[0].key, b[0].key);
  EXPECT_NE(a[1].key, b[1].key);
  EXPECT_EQ(a[2].key, b[2].key);
}

TEST(CsvRowSource, AnEditedRowWithAnIdKeepsItsKeyAndChangesItsHash) {
  TempDir dir;
  write_file(dir / "a.csv", "id,question\n1,alpha\n2,beta\n");
  write_file(dir / "b.csv", "id,question\n1,alpha\n2,beta edited\n");
  const auto a = read_all(dir / "a.csv");
  const auto b = read_all(dir / "b.csv");
  EXPECT_EQ(a[1].key, "2");
  EXPECT_EQ(b[1].key, "2");
  EXPECT_EQ(a[0].content_hash, b[0].content_hash);
  EXPECT_NE(a[1].content_hash, b[1].content_hash);
}

TEST(CsvRowSource, RaggedRowNamesItsLine) {
  TempDir dir;
  write_file(dir / "d.csv", "id,question\n1,alpha\n2,beta,extra\n3,gamma\n");
  EXPECT_EQ(csv_error_of(dir / "d.csv"),
            (dir / "d.csv").string() + ":3: row has 3 fields, the header has 2");
}

TEST(CsvRowSource, ShortRowAfterAMultiLineFieldNamesTheRightLine) {
  TempDir dir;
  write_file(dir / "d.csv", "a,b\n\"x\ny\",1\nonly-one\n");
  EXPECT_EQ(csv_error_of(dir / "d.csv"),
            (dir / "d.csv").string() + ":4: row has 1 fields, the header has 2");
}

TEST(CsvRowSource, UnclosedQuoteIsNamed) {
  TempDir dir;
  write_file(dir / "d.csv", "a,b\n1,\"never closed\n2,3\n");
  EXPECT_EQ(
      csv_error_of(dir / "d.csv"),
      (dir / "d.csv").string() + ":2: a quoted field that starts in this row is never closed");
}

TEST(CsvRowSource, HeaderProblemsAreNamed) {
  TempDir dir;
  write_file(dir / "empty.csv", "");
  write_file(dir / "twice.csv", "id,q,q\n1,2,3\n");
  write_file(dir / "blank.csv", "id,,q\n1,2,3\n");
  EXPECT_EQ(csv_error_of(dir / "empty.csv"),
            (dir / "empty.csv").string() + ": empty CSV: no header row");
  EXPECT_EQ(csv_error_of(dir / "twice.csv"),
            (dir / "twice.csv").string() + ":1: header names column \"q\" twice");
  EXPECT_EQ(csv_error_of(dir / "blank.csv"),
            (dir / "blank.csv").string() + ":1: header column 2 has no name");
}

TEST(CsvRowSource, AnIdThatCannotNameAFolderIsRefused) {
  TempDir dir;
  write_file(dir / "d.csv", "id,q\n../up,1\n");
  EXPECT_EQ(
      csv_error_of(dir / "d.csv"),
      (dir / "d.csv").string() + ":2: id \"../up\" may only use letters, digits, '-', '_' and '.'");
}

TEST(CsvRowSource, ByteOrderMarkIsNotPartOfTheFirstColumnName) {
  TempDir dir;
  write_file(dir / "d.csv", "\xEF\xBB\xBFid,q\n7,x\n");
  const auto rows = read_all(dir / "d.csv");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key, "7");
}

}  // namespace
}  // namespace modelcompare::dataset

#include "code_extractor.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace modelcompare::code_correctness {
namespace {

using ::testing::HasSubstr;

TEST(CodeExtractor, TakesTheOnlyPythonBlockAndIgnoresShell) {
  const auto code = extract_code(
      "Here you go:\n```python\nimport matplotlib.pyplot as plt\nplt.pie([1, 2])\n```\n"
      "Then run:\n```bash\npip install matplotlib\n```\n");
  EXPECT_EQ(code.code, "import matplotlib.pyplot as plt\nplt.pie([1, 2])\n");
  EXPECT_EQ(code.blocks, 1);
  EXPECT_EQ(code.choice, "the only Python block");
}

TEST(CodeExtractor, AcceptsPyAndUnlabelledPythonButNotUnlabelledShell) {
  EXPECT_EQ(extract_code("```py\nx = 1\n```").code, "x = 1\n");
  EXPECT_EQ(extract_code("```\nimport os\nprint(os.name)\n```").code,
            "import os\nprint(os.name)\n");
  EXPECT_EQ(extract_code("```\npip install matplotlib\n```").code, "");
  EXPECT_EQ(extract_code("~~~python\ny = 2\n~~~\n").code, "y = 2\n");
}

TEST(CodeExtractor, JoinsBlocksWhenImportsAreSplitFromTheBody) {
  const auto code = extract_code(
      "```python\nimport matplotlib.pyplot as plt\n```\ntext\n```python\nplt.pie([1])\n"
      "plt.savefig('a.png')\n```\n");
  EXPECT_EQ(code.code, "import matplotlib.pyplot as plt\nplt.pie([1])\nplt.savefig('a.png')\n");
  EXPECT_EQ(code.choice, "2 blocks joined in order");
}

TEST(CodeExtractor, PrefersTheLastCompleteScript) {
  const auto code = extract_code(
      "```python\nimport matplotlib.pyplot as plt\nplt.pie([1])\nplt.show()\n```\n"
      "Better:\n```python\nimport matplotlib.pyplot as plt\nplt.pie([2])\nplt.show()\n```\n"
      "Or just change:\n```python\nplt.legend()\n```\n");
  EXPECT_EQ(code.code, "import matplotlib.pyplot as plt\nplt.pie([2])\nplt.show()\n");
  EXPECT_THAT(code.choice, HasSubstr("last complete script of 3 blocks"));
}

TEST(CodeExtractor, ReadsAPlainPythonFileAsCode) {
  const auto code = extract_code("import matplotlib.pyplot as plt\nplt.plot([1, 2])\n");
  EXPECT_EQ(code.code, "import matplotlib.pyplot as plt\nplt.plot([1, 2])\n");
}

TEST(CodeExtractor, FindsNoCodeInProse) {
  const auto code = extract_code("I cannot draw charts, but the maths share is 34.9%.");
  EXPECT_EQ(code.code, "");
  EXPECT_EQ(code.choice, "no code found");
}

TEST(CodeExtractor, KeepsAnUnclosedFinalBlock) {
  EXPECT_EQ(extract_code("```python\nx = 1\n").code, "x = 1\n");
}

}  // namespace
}  // namespace modelcompare::code_correctness

// Finds the Python program in a model's answer: what a person would copy and run.
#pragma once

#include <string>
#include <string_view>

namespace modelcompare::code_correctness {

struct ExtractedCode {
  std::string code;    // empty when the answer has none
  int blocks = 0;      // Python-looking fenced blocks found
  std::string choice;  // how the code was chosen, for the details
};

// Fenced blocks (``` or ~~~) labelled python, py, python3 or unlabelled; blocks labelled another
// language (bash, json, text, ...) and unlabelled ones that do not look like Python are ignored.
// One block: that block. Several: the last complete script (imports matplotlib and draws or
// saves) if there is one, else all blocks joined in order (an answer that splits imports from the
// body). No fences at all: the whole answer when it reads as a Python file (a CODE.py candidate).
ExtractedCode extract_code(std::string_view answer);

}  // namespace modelcompare::code_correctness

// The fuzzing entry points: one function per input surface, fed raw bytes. Each returns normally
// for every input the code is meant to handle (including the error it is documented to throw) and
// aborts with a message on stderr for anything else, so libFuzzer (fuzz/run.sh) and the GCC replay
// of saved inputs (tests/fuzz-regressions) treat findings the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace modelcompare::fuzz {

// Bytes as a config file in a scratch folder; ConfigError is the only expected failure.
void config_loader_one_input(const std::uint8_t* data, std::size_t size);

// Bytes as an Azure OpenAI answer body: through the SSE decoder (whole and split at places the
// input chooses, which must give the same events) into the stream accumulator, and as a whole
// chat completion.
void azure_stream_one_input(const std::uint8_t* data, std::size_t size);

// Bytes as an image file: header checks, decoding, then the whole chart reading on what decodes;
// ImageError is the only expected failure.
void chart_image_one_input(const std::uint8_t* data, std::size_t size);

// Bytes as a dataset file, CSV or JSONL by the first byte's low bit; DatasetError is the only
// expected failure.
void dataset_rows_one_input(const std::uint8_t* data, std::size_t size);

// Prints "fuzz finding: <what>" and aborts.
[[noreturn]] void report_finding(const std::string& what);

}  // namespace modelcompare::fuzz

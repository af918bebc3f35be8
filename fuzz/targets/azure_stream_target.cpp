#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "chat_response.hpp"
#include "fuzz_entry.hpp"
#include "sse_decoder.hpp"

namespace modelcompare::fuzz {
namespace {

std::vector<std::string> decode_events(std::string_view body,
                                       const std::vector<std::size_t>& cuts) {
  std::vector<std::string> events;
  azure_openai::SseDecoder decoder([&](std::string_view data) { events.emplace_back(data); });
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    decoder.feed(body.substr(from, cut - from));
    from = cut;
  }
  decoder.feed(body.substr(from));
  decoder.finish();
  return events;
}

}  // namespace

void azure_stream_one_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  // The first byte chooses where the body is split into network pieces.
  const unsigned split_seed = data[0];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

  std::vector<std::size_t> cuts;
  if (split_seed != 0) {
    const std::size_t step = split_seed % 17 + 1;
    for (std::size_t at = step; at < body.size(); at += step + (at * split_seed) % 5) {
      cuts.push_back(at);
    }
  }
  const auto whole = decode_events(body, {});
  const auto pieces = decode_events(body, cuts);
  if (whole != pieces) {
    report_finding("the SSE decoder gives other events when the body arrives in pieces (" +
                   std::to_string(whole.size()) + " whole, " + std::to_string(pieces.size()) +
                   " in pieces)");
  }

  // The provider catches std::exception from both readers and reports a bad response.
  try {
    azure_openai::ChatStreamAccumulator stream;
    for (const auto& event : whole) {
      try {
        stream.add_event(event);
      } catch (const std::exception&) {
        break;  // the provider stops reading at the first malformed event
      }
    }
    sdk::ChatResult result;
    stream.fill(result);
  } catch (const std::exception& e) {
    report_finding(std::string("the stream accumulator's fill threw ") + typeid(e).name() + ": " +
                   e.what());
  } catch (...) {
    report_finding("the stream accumulator threw a non-std exception");
  }
  try {
    sdk::ChatResult result;
    azure_openai::read_chat_completion(body, result);
  } catch (const std::exception&) {
    // Expected for a body that is not a chat completion.
  } catch (...) {
    report_finding("read_chat_completion threw a non-std exception");
  }
}

}  // namespace modelcompare::fuzz

#include "sse_decoder.hpp"

namespace modelcompare::azure_openai {

void SseDecoder::feed(std::string_view bytes) {
  for (const char c : bytes) {
    if (c == '\n' && last_was_cr_) {  // the \n of a \r\n already handled at the \r
      last_was_cr_ = false;
      continue;
    }
    last_was_cr_ = c == '\r';
    if (c == '\n' || c == '\r') {
      line(pending_);
      pending_.clear();
    } else {
      pending_ += c;
    }
  }
}

void SseDecoder::finish() {
  if (!pending_.empty()) {
    line(pending_);
    pending_.clear();
  }
  dispatch();
}

void SseDecoder::line(std::string_view text) {
  if (text.empty()) {
    dispatch();
    return;
  }
  if (text.front() == ':') return;  // a comment (keep-alive)
  const auto colon = text.find(':');
  const auto field = text.substr(0, colon);
  std::string_view value =
      colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field != "data") return;  // event, id, retry: nothing the chat API needs
  if (has_data_) data_ += '\n';
  data_.append(value);
  has_data_ = true;
}

void SseDecoder::dispatch() {
  if (!has_data_) return;
  const std::string data = std::move(data_);
  data_.clear();
  has_data_ = false;
  on_event_(data);
}

}  // namespace modelcompare::azure_openai

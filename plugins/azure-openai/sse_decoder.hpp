// Server-sent events: splits a byte stream into events and hands over each event's data.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace modelcompare::azure_openai {

class SseDecoder {
 public:
  // Called with the data of each complete event (its "data:" lines joined by newlines).
  using EventHandler = std::function<void(std::string_view data)>;

  explicit SseDecoder(EventHandler on_event) : on_event_(std::move(on_event)) {}

  // Feeds more bytes; pieces may split lines anywhere. Accepts \n, \r\n and \r line ends.
  void feed(std::string_view bytes);
  // The stream ended: an event not yet closed by a blank line is delivered too.
  void finish();

 private:
  void line(std::string_view text);
  void dispatch();

  EventHandler on_event_;
  std::string pending_;  // an unfinished line
  std::string data_;     // the current event's data
  bool has_data_ = false;
  bool last_was_cr_ = false;
};

}  // namespace modelcompare::azure_openai

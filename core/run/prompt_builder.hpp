// Builds the messages of a turn from the config: {{provider}} / {{scenario}} filled in, images
// read once and shared by every request that shows them.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "config/config.hpp"
#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::run {

class PromptBuilder {
 public:
  // The user message of one turn. Throws std::runtime_error naming the image when it is not a
  // PNG, JPEG, GIF or WebP.
  sdk::Message user_message(const config::TurnConfig& turn, const nlohmann::json& vars);
  static sdk::Message system_message(const std::string& text, const nlohmann::json& vars);

 private:
  const sdk::ContentPart& image(const std::filesystem::path& path);

  std::mutex mutex_;
  std::map<std::filesystem::path, sdk::ContentPart> images_;
};

}  // namespace modelcompare::run

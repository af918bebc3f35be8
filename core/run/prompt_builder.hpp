// Builds the messages of a turn from the config: {{provider}}, {{scenario}} and the row's
// variables filled in; a fixed image is read once and shared by every request that shows it, an
// image whose path comes from a row is read for each conversation (a dataset may name thousands).
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
  // The user message of one turn; a templated image path is resolved against `base_dir`. Throws
  // std::runtime_error naming the image when it cannot be read or is not a PNG, JPEG, GIF or WebP.
  sdk::Message user_message(const config::TurnConfig& turn, const nlohmann::json& vars,
                            const std::filesystem::path& base_dir);
  static sdk::Message system_message(const std::string& text, const nlohmann::json& vars);

 private:
  const sdk::ContentPart& image(const std::filesystem::path& path);
  static sdk::ContentPart read_image(const std::filesystem::path& path);

  std::mutex mutex_;
  std::map<std::filesystem::path, sdk::ContentPart> images_;
};

}  // namespace modelcompare::run

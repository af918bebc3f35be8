#include "run/prompt_builder.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "modelcompare/sdk/prompt_template.hpp"
#include "run/image_mime_type.hpp"

namespace modelcompare::run {

const sdk::ContentPart& PromptBuilder::image(const std::filesystem::path& path) {
  std::lock_guard lock(mutex_);
  if (auto it = images_.find(path); it != images_.end()) return it->second;
  return images_.emplace(path, read_image(path)).first->second;
}

sdk::ContentPart PromptBuilder::read_image(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot read the image");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  sdk::ContentPart part;
  part.kind = sdk::ContentPart::Kind::image;
  part.image_bytes = bytes.str();
  part.image_source = path.string();
  auto mime = image_mime_type(part.image_bytes);
  if (!mime) throw std::runtime_error(path.string() + ": not a PNG, JPEG, GIF or WebP image");
  part.mime_type = *mime;
  return part;
}

sdk::Message PromptBuilder::user_message(const config::TurnConfig& turn, const nlohmann::json& vars,
                                         const std::filesystem::path& base_dir) {
  sdk::Message message;
  message.role = sdk::Role::user;
  for (const auto& part : turn.user) {
    if (part.kind == config::PromptPart::Kind::text)
      message.content.push_back(sdk::ContentPart::from_text(sdk::render_template(part.text, vars)));
    else if (part.image_template.empty())
      message.content.push_back(image(part.image));
    else {
      std::filesystem::path path(sdk::render_template(part.image_template, vars));
      if (path.is_relative()) path = (base_dir / path).lexically_normal();
      message.content.push_back(read_image(path));
    }
  }
  return message;
}

sdk::Message PromptBuilder::system_message(const std::string& text, const nlohmann::json& vars) {
  sdk::Message message;
  message.role = sdk::Role::system;
  message.content.push_back(sdk::ContentPart::from_text(sdk::render_template(text, vars)));
  return message;
}

}  // namespace modelcompare::run

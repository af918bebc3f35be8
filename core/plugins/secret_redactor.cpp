#include "plugins/secret_redactor.hpp"

#include <regex>

namespace modelcompare::plugins {

void SecretRedactor::add(std::string_view secret) {
  if (secret.size() < 4) return;
  std::lock_guard lock(mutex_);
  secrets_.emplace(secret);
}

bool SecretRedactor::empty() const {
  std::lock_guard lock(mutex_);
  return secrets_.empty();
}

std::string SecretRedactor::redact(std::string_view text) const {
  std::string out(text);
  {
    std::lock_guard lock(mutex_);
    for (const auto& secret : secrets_) {
      for (auto pos = out.find(secret); pos != std::string::npos;
           pos = out.find(secret, pos + kMask.size()))
        out.replace(pos, secret.size(), kMask);
    }
  }
  // Credentials that were never registered (e.g. echoed back by a server) still look like these.
  static const std::regex credential(
      R"((Bearer\s+|api-key["']?\s*[:=]\s*["']?)[A-Za-z0-9._~+/=-]{8,})", std::regex::icase);
  if (out.find("earer") != std::string::npos || out.find("pi-key") != std::string::npos ||
      out.find("PI-KEY") != std::string::npos)
    out = std::regex_replace(out, credential, "$1***");
  return out;
}

SecretRedactor& global_redactor() {
  static SecretRedactor redactor;
  return redactor;
}

}  // namespace modelcompare::plugins

// The Azure OpenAI account the azure-monitor tests ask about (its ARM resource id).
#pragma once

#include <string>

namespace modelcompare::azure_monitor {

inline const std::string kResource =
    "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/lab-rg/providers/"
    "Microsoft.CognitiveServices/accounts/lab-openai";

}  // namespace modelcompare::azure_monitor

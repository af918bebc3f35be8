// The azure-openai plugin's one exported symbol.
#include "azure_openai_provider.hpp"

MODELCOMPARE_PLUGIN(provider, modelcompare::azure_openai::AzureOpenAiProvider, "azure-openai",
                    "0.1.0",
                    "Azure OpenAI, Azure AI model inference and OpenAI-compatible chat completions")

"""AIAnalysisTemplate: AI analysis: classification, tags, covers, frame tags, highlights.

The spec model; the kind's declaration is vodops.kinds.ai_analysis.
"""

from __future__ import annotations

from vodops.resources.generated.ai_analysis_template import AIAnalysisTemplateFields


class AIAnalysisTemplateSpec(AIAnalysisTemplateFields):
    """The spec of CreateAIAnalysisTemplate; api.json states no rule across its fields."""


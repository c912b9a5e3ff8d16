"""AIAnalysisTemplate: AI analysis: classification, tags, covers, frame tags, highlights."""

from __future__ import annotations

from vodops.resources.generated import ai_analysis_template
from vodops.resources.generated.ai_analysis_template import AIAnalysisTemplateFields
from vodops.resources.template_kind import template_kind


class AIAnalysisTemplateSpec(AIAnalysisTemplateFields):
    """The spec of CreateAIAnalysisTemplate; api.json states no rule across its fields."""


KIND = template_kind("AIAnalysisTemplate", AIAnalysisTemplateSpec, ai_analysis_template)

"""AIAnalysisTemplate: AI analysis: classification, tags, covers, frame tags, highlights.

Declared from the tables generated out of api.json; its spec model is
vodops.resources.ai_analysis.
"""

from __future__ import annotations

from vodops.kinds.template import template_kind
from vodops.resources.generated import ai_analysis_template_tables

KIND = template_kind(
    "AIAnalysisTemplate", "vodops.resources.ai_analysis:AIAnalysisTemplateSpec", ai_analysis_template_tables
)

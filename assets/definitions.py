"""The Library Atlas code location: raw export -> dbt -> clusters -> charts -> pages."""

import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from assets.dbt import DBT_PROJECT, atlas_dbt_models
from assets.raw import raw_export

# The dbt installed beside this Python, so an un-activated virtual environment works too.
DBT_EXECUTABLE = shutil.which("dbt", path=str(Path(sys.executable).parent)) or "dbt"

defs = dg.Definitions(
    assets=[raw_export, atlas_dbt_models],
    resources={"dbt": DbtCliResource(project_dir=DBT_PROJECT, dbt_executable=DBT_EXECUTABLE)},
)

"""Preview: watch the project, rebuild what changed into .digest-cache/preview/, serve it and reload the browser."""

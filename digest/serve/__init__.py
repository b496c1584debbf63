"""Preview: watch the project, rebuild what changed, serve site/ and reload the browser."""

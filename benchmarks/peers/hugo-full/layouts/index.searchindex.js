{{- /* written entry by entry: appending to a slice in a loop would copy it each time */ -}}
window.DIGEST_SEARCH=[
{{- range $i, $page := .Site.RegularPages -}}
{{- $keys := lower (delimit (slice .Title .Params.publisher (delimit (.Params.tags | default slice) " ") (delimit (.Params.entities | default slice) " ")) " ") -}}
{{- if $i }},{{ end -}}
{{- dict "t" .Title "u" .RelPermalink "s" .Params.publisher "d" (.Date.Format "2006-01-02") "p" .Params.summary "k" $keys "b" (.Plain | lower | truncate 600 "") | jsonify | safeJS -}}
{{- end -}}];

{{/* Names and labels shared by every object of the chart. */}}

{{- define "homeward.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "homeward.labels" -}}
app.kubernetes.io/part-of: homeward
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector of one process's pods: (dict "root" $ "name" "intake"). */}}
{{- define "homeward.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .name }}
{{- end -}}

{{- define "homeward.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/* Values of one process: its own over the defaults. */}}
{{- define "homeward.service" -}}
{{- $svc := index .root.Values.services .name -}}
{{- toYaml (mustMergeOverwrite (deepCopy .root.Values.defaults) (omit $svc "env")) -}}
{{- end -}}

{{/* The variables every process shares; secrets as files (libs/config <NAME>_FILE). */}}
{{- define "homeward.kafkaEnv" -}}
- name: KAFKA_BROKERS
  value: {{ .Values.kafka.brokers | quote }}
- name: KAFKA_SSL
  value: {{ .Values.kafka.ssl | quote }}
{{- if .Values.kafka.caSecret }}
- name: KAFKA_SSL_CA_FILE
  value: /etc/homeward/kafka-ca/ca.pem
{{- end }}
{{- if .Values.kafka.saslMechanism }}
- name: KAFKA_SASL_MECHANISM
  value: {{ .Values.kafka.saslMechanism | quote }}
- name: KAFKA_SASL_USERNAME_FILE
  value: /etc/homeward/credentials/kafka-username
- name: KAFKA_SASL_PASSWORD_FILE
  value: /etc/homeward/credentials/kafka-password
{{- end }}
- name: HOMEWARD_TOPIC_PREFIX
  value: {{ .Values.kafka.topicPrefix | quote }}
{{- end -}}

{{- define "homeward.kafkaVolumes" -}}
{{- if .Values.kafka.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.caSecret }}
{{- end }}
{{- end -}}

{{- define "homeward.kafkaMounts" -}}
{{- if .Values.kafka.caSecret }}
- name: kafka-ca
  mountPath: /etc/homeward/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/* Egress to DNS and Kafka: every pod of the chart. */}}
{{- define "homeward.baseEgress" -}}
- to:
{{ toYaml .Values.networkPolicy.dnsPeers | indent 4 }}
  ports:
    - { protocol: UDP, port: 53 }
    - { protocol: TCP, port: 53 }
- to:
{{ toYaml .Values.kafka.networkPeers | indent 4 }}
  ports:
{{- range .Values.kafka.ports }}
    - { protocol: TCP, port: {{ . }} }
{{- end }}
{{- end -}}

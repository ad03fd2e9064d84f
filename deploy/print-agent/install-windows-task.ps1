# Registers the TableOrder print agent as a Windows scheduled task that starts with the PC and
# runs without anyone signed in. Run once in an elevated PowerShell:
#   powershell -ExecutionPolicy Bypass -File deploy\print-agent\install-windows-task.ps1
# Remove it with: Unregister-ScheduledTask -TaskName "TableOrder print agent"
$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$script = Join-Path $here 'print-agent.cmd'
if (-not (Test-Path (Join-Path $here 'print-agent.env'))) {
  throw "Copy print-agent.env.example to print-agent.env in $here and fill it in first."
}
$action = New-ScheduledTaskAction -Execute 'cmd.exe' -Argument "/c `"$script`"" -WorkingDirectory $here
$trigger = New-ScheduledTaskTrigger -AtStartup
$settings = New-ScheduledTaskSettingsSet -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
  -ExecutionTimeLimit ([TimeSpan]::Zero) -StartWhenAvailable
$principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
Register-ScheduledTask -TaskName 'TableOrder print agent' -Action $action -Trigger $trigger `
  -Settings $settings -Principal $principal -Force | Out-Null
Start-ScheduledTask -TaskName 'TableOrder print agent'
Write-Host 'The print agent runs now and at every start of this PC.'

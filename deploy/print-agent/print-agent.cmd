@echo off
rem TableOrder print agent for Windows: double-click, or run from a Task Scheduler task
rem ("At startup", "Run whether user is logged on or not"). Settings come from
rem print-agent.env next to this file (copy print-agent.env.example and fill it in).
rem Needs Node.js 20 or newer and `npm ci` done once in the TableOrder folder.
setlocal
set "HERE=%~dp0"
cd /d "%HERE%..\.."
if not exist "%HERE%print-agent.env" (
  echo Missing %HERE%print-agent.env: copy print-agent.env.example to print-agent.env and fill it in.
  pause
  exit /b 2
)
for /f "usebackq eol=# tokens=1,* delims==" %%A in ("%HERE%print-agent.env") do set "%%A=%%B"
if not defined PRINT_AGENT_STATE_FILE set "PRINT_AGENT_STATE_FILE=%HERE%print-agent.json"
:run
node --import tsx print-agent\main.ts
rem Started again after a crash or a lost connection it could not ride out; the state file keeps it exact.
echo The print agent stopped (exit code %ERRORLEVEL%); starting again in 10 seconds. Close this window to stop it.
timeout /t 10 /nobreak >nul
goto run

using Spectre.Console;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary>A Spectre console that writes plain text (no ANSI, no colours, not interactive) to a writer a test reads.</summary>
public static class RecordingConsole
{
    public static IAnsiConsole Create(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        return console;
    }
}

using System.Text.Json;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.UnitTests.Lambda;

public sealed class LambdaErrorJsonTests
{
    [Fact]
    public void An_exception_is_written_as_lambdas_standard_error_document()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("outer", new TimeoutException("inner"));
        }
        catch (InvalidOperationException caught)
        {
            thrown = caught;
        }

        using var document = JsonDocument.Parse(LambdaErrorJson.Write(thrown));
        var root = document.RootElement;

        Assert.Equal("outer", root.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", root.GetProperty("errorType").GetString());
        Assert.NotEqual(0, root.GetProperty("stackTrace").GetArrayLength());
        Assert.Equal("TimeoutException", root.GetProperty("cause").GetProperty("errorType").GetString());
    }
}

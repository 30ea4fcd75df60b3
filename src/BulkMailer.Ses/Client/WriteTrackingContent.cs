using System.Net;

namespace BulkMailer.Ses.Client;

/// <summary>
/// A byte body that remembers whether the HTTP stack began writing it. Until it has, SES cannot have
/// accepted the message, so a failure before that point is certainly not a send.
/// </summary>
internal sealed class WriteTrackingContent : ByteArrayContent
{
    private volatile bool _writeStarted;

    public WriteTrackingContent(byte[] body)
        : base(body)
    {
    }

    public bool WriteStarted => _writeStarted;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _writeStarted = true;
        return base.SerializeToStreamAsync(stream, context);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _writeStarted = true;
        return base.SerializeToStreamAsync(stream, context, cancellationToken);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _writeStarted = true;
        base.SerializeToStream(stream, context, cancellationToken);
    }
}

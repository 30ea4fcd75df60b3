using System.Net;
using System.Net.Sockets;

namespace BulkMailer.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1 and HttpListeners bound to them.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts an HttpListener on a free loopback port. Retries because another process can take the probed
    /// port between the probe and the bind.
    /// </summary>
    public static (HttpListener Listener, int Port) StartListener()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Free();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }
}

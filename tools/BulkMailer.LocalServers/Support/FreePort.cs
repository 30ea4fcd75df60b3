using System.Net;
using System.Net.Sockets;

namespace BulkMailer.LocalServers.Support;

/// <summary>Free TCP ports on 127.0.0.1, and HttpListeners bound to them.</summary>
public static class FreePort
{
    /// <summary>A port the kernel just handed out (another process may still take it before it is bound).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts an HttpListener on a free loopback port. Retries because another process can take the probed
    /// port between the probe and the bind.
    /// </summary>
    public static (HttpListener Listener, int Port) StartHttpListener()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Next();
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
